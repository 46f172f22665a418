package io.leadhandoff.lead;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.write.Answer;
import io.leadhandoff.write.WritePath;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch request: validate every item, ingest the valid ones chunk by chunk through the write path (which
 * makes a keyed batch exactly-once across crashes), answer one result per item.
 */
final class BatchIntake {

    /** Leads written per transaction; each chunk is one round of JDBC batches. */
    static final int CHUNK = 250;

    private final JsonBinder binder;
    private final LeadService service;
    BatchIntake(JsonBinder binder, LeadService service) {
        this.binder = binder;
        this.service = service;
    }

    /** The batch as the write path applies it: invalid items answered as refused, the valid ones chunk by chunk. */
    WritePath.Chunks<BatchResult.Item> chunks(List<JsonNode> items, String pointerPrefix) {
        BatchResult.Item[] rejected = new BatchResult.Item[items.size()];
        List<NormalizedLead> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonBinder.Bound<LeadRequest> bound = binder.tryBind(items.get(i), LeadRequest.class, pointerPrefix + i);
            if (bound.ok()) {
                valid.add(Normalizer.normalize(bound.value()));
                positions.add(i);
            } else {
                rejected[i] = rejected(i, ProblemType.VALIDATION, describe(bound.errors()), bound.errors());
            }
        }
        return new WritePath.Chunks<>() {
            @Override
            public int size() {
                return valid.size();
            }

            @Override
            public int chunkSize() {
                return CHUNK;
            }

            @Override
            public JavaType resultType() {
                return TypeFactory.defaultInstance().constructType(BatchResult.Item.class);
            }

            @Override
            public List<BatchResult.Item> apply(int from, int to) {
                List<LeadService.Ingested> ingested = service.ingest(valid.subList(from, to));
                List<BatchResult.Item> out = new ArrayList<>(ingested.size());
                for (int k = 0; k < ingested.size(); k++) {
                    LeadService.Ingested r = ingested.get(k);
                    out.add(new BatchResult.Item(positions.get(from + k), r.outcome(), r.lead().id(), r.lead().status(), null));
                }
                return out;
            }

            @Override
            public BatchResult.Item failed(int index) {
                return rejected(positions.get(index), ProblemType.INTERNAL, "This lead could not be stored; retry it", List.of());
            }

            @Override
            public Answer answer(List<BatchResult.Item> results) {
                BatchResult.Item[] all = rejected.clone();
                results.forEach(item -> all[item.index()] = item);
                return Answer.ok(summarise(List.of(all)));
            }
        };
    }

    private static BatchResult summarise(List<BatchResult.Item> results) {
        int created = 0;
        int merged = 0;
        int updated = 0;
        int rejected = 0;
        for (BatchResult.Item item : results) {
            switch (item.outcome()) {
                case CREATED -> created++;
                case MERGED -> merged++;
                case UPDATED -> updated++;
                case REJECTED -> rejected++;
            }
        }
        return new BatchResult(new BatchResult.Summary(created, merged, updated, rejected), results);
    }

    private static BatchResult.Item rejected(int index, ProblemType type, String detail, List<Problem.FieldError> errors) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, null, null,
                errors.isEmpty() ? null : errors, null);
        return new BatchResult.Item(index, IntakeResult.Outcome.REJECTED, null, null, problem);
    }

    private static String describe(List<Problem.FieldError> errors) {
        return errors.size() == 1 ? errors.get(0).pointer() + ": " + errors.get(0).message()
                : errors.size() + " fields are not valid";
    }
}
