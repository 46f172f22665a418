package io.leadhandoff.lead;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemType;
import java.util.ArrayList;
import java.util.List;

/** One batch request: validate every item, ingest the valid ones in chunks, answer one result per item. */
final class BatchIntake {

    private final JsonBinder binder;
    private final LeadService service;

    BatchIntake(JsonBinder binder, LeadService service) {
        this.binder = binder;
        this.service = service;
    }

    BatchResult run(List<JsonNode> items, String pointerPrefix) {
        BatchResult.Item[] results = new BatchResult.Item[items.size()];
        List<NormalizedLead> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonBinder.Bound<LeadRequest> bound = binder.tryBind(items.get(i), LeadRequest.class, pointerPrefix + i);
            if (bound.ok()) {
                valid.add(Normalizer.normalize(bound.value()));
                positions.add(i);
            } else {
                results[i] = rejected(i, ProblemType.VALIDATION, describe(bound.errors()), bound.errors());
            }
        }
        List<LeadService.Ingested> ingested = service.ingestInChunks(valid);
        for (int k = 0; k < ingested.size(); k++) {
            int index = positions.get(k);
            LeadService.Ingested r = ingested.get(k);
            results[index] = r == null
                    ? rejected(index, ProblemType.INTERNAL, "This lead could not be stored; retry it", List.of())
                    : new BatchResult.Item(index, r.outcome(), r.lead().id, r.lead().status, null);
        }
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
        return new BatchResult(new BatchResult.Summary(created, merged, updated, rejected), List.of(results));
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
