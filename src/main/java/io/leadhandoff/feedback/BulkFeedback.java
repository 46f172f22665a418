package io.leadhandoff.feedback;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.security.Caller;
import io.leadhandoff.write.Answer;
import io.leadhandoff.write.WritePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One bulk-verdict request: every verdict is bound and validated on its own, the valid ones are applied in one
 * transaction through the write path (so a keyed request is exactly-once across crashes), and each gets the
 * answer it would have had alone. Verdicts are applied in lead-id order, so two bulk requests lock their leads
 * in the same order and cannot deadlock; verdicts on the same lead keep their request order.
 */
final class BulkFeedback {

    private static final int MAX_LEAD_ID = 64;

    private final JsonBinder binder;
    private final FeedbackService feedback;
    BulkFeedback(JsonBinder binder, FeedbackService feedback) {
        this.binder = binder;
        this.feedback = feedback;
    }

    /** A verdict that passed validation, with its position in the request. */
    private record Valid(int index, String leadId, FeedbackRequest request) {
    }

    /** The request as the write path applies it: invalid verdicts answered as refused, the valid ones in lead id order. */
    WritePath.Chunks<BulkFeedbackResult.Item> chunks(List<JsonNode> items, String pointerPrefix, Caller caller) {
        BulkFeedbackResult.Item[] results = new BulkFeedbackResult.Item[items.size()];
        List<Valid> valid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String pointer = pointerPrefix + i;
            JsonNode item = items.get(i);
            List<Problem.FieldError> errors = new ArrayList<>();
            String leadId = leadId(item, pointer, errors);
            JsonBinder.Bound<FeedbackRequest> bound = binder.tryBind(withoutLeadId(item), FeedbackRequest.class, pointer);
            errors.addAll(bound.errors());
            if (errors.isEmpty()) {
                valid.add(new Valid(i, leadId, bound.value()));
            } else {
                results[i] = refused(i, leadId, ProblemException.validation(errors));
            }
        }
        valid.sort(Comparator.comparing(Valid::leadId));
        return new WritePath.Chunks<>() {
            @Override
            public int size() {
                return valid.size();
            }

            @Override
            public int chunkSize() {
                return BulkFeedbackRequest.MAX_ITEMS;
            }

            @Override
            public JavaType resultType() {
                return TypeFactory.defaultInstance().constructType(BulkFeedbackResult.Item.class);
            }

            @Override
            public List<BulkFeedbackResult.Item> apply(int from, int to) {
                List<BulkFeedbackResult.Item> out = new ArrayList<>(to - from);
                for (Valid v : valid.subList(from, to)) {
                    out.add(applyOne(v, caller));
                }
                return out;
            }

            @Override
            public BulkFeedbackResult.Item failed(int position) {
                Valid v = valid.get(position);
                return refused(v.index(), v.leadId(), new ProblemException(ProblemType.INTERNAL, "This verdict could not be recorded; retry it"));
            }

            @Override
            public Answer answer(List<BulkFeedbackResult.Item> applied) {
                BulkFeedbackResult.Item[] all = results.clone();
                applied.forEach(item -> all[item.index()] = item);
                int ok = 0;
                for (BulkFeedbackResult.Item item : all) {
                    ok += item.applied() ? 1 : 0;
                }
                return Answer.ok(new BulkFeedbackResult(new BulkFeedbackResult.Summary(ok, all.length - ok), List.of(all)));
            }
        };
    }

    /**
     * A refusal (404, 409, 422) is this verdict's answer and leaves the transaction usable: the service checks
     * everything before it changes the lead. A failure of the database is the whole request's.
     */
    private BulkFeedbackResult.Item applyOne(Valid v, Caller caller) {
        try {
            return new BulkFeedbackResult.Item(v.index(), v.leadId(), 200, feedback.judge(v.leadId(), v.request(), caller).status(), null);
        } catch (ProblemException e) {
            if (e.type().status() >= 500) {
                throw e;
            }
            return refused(v.index(), v.leadId(), e);
        }
    }

    private static BulkFeedbackResult.Item refused(int index, String leadId, ProblemException e) {
        Problem problem = new Problem(e.type().uri(), e.type().title(), e.type().status(), e.getMessage(), null, null,
                e.errors().isEmpty() ? null : e.errors(), e.currentState());
        return new BulkFeedbackResult.Item(index, leadId, e.type().status(), null, problem);
    }

    private static String leadId(JsonNode item, String pointer, List<Problem.FieldError> errors) {
        JsonNode id = item == null ? null : item.get("leadId");
        if (id == null || id.isNull()) {
            if (item != null && item.isObject()) {
                errors.add(Problem.FieldError.atPointer(pointer + "/leadId", "is required"));
            }
            return null;
        }
        if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_LEAD_ID) {
            errors.add(Problem.FieldError.atPointer(pointer + "/leadId", "must be a lead id (a string of up to " + MAX_LEAD_ID + " characters)"));
            return null;
        }
        return id.asText();
    }

    private static JsonNode withoutLeadId(JsonNode item) {
        if (item instanceof ObjectNode object && object.has("leadId")) {
            ObjectNode copy = object.deepCopy();
            copy.remove("leadId");
            return copy;
        }
        return item;
    }
}
