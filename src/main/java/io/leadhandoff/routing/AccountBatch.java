package io.leadhandoff.routing;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.write.Answer;
import io.leadhandoff.write.WritePath;
import java.util.ArrayList;
import java.util.List;

/**
 * One account import: every item validated, the valid ones written chunk by chunk through the write path (exactly once
 * with an {@code Idempotency-Key}), one result per item. An item that is refused (a domain of another account, no such
 * parent or queue) fails alone.
 */
final class AccountBatch {

    static final int MAX_ITEMS = 1000;
    /** Accounts written per transaction. */
    static final int CHUNK = 250;

    private final JsonBinder binder;
    private final AccountService accounts;

    AccountBatch(JsonBinder binder, AccountService accounts) {
        this.binder = binder;
        this.accounts = accounts;
    }

    /** The import as the write path applies it: the valid items chunk by chunk, the refused ones answered as they are. */
    WritePath.Chunks<AccountViews.Item> chunks(List<JsonNode> items, String pointerPrefix) {
        AccountViews.Item[] rejected = new AccountViews.Item[items.size()];
        List<AccountViews.AccountRequest> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonBinder.Bound<AccountViews.AccountRequest> bound = binder.tryBind(items.get(i), AccountViews.AccountRequest.class, pointerPrefix + i);
            if (bound.ok()) {
                valid.add(bound.value());
                positions.add(i);
            } else {
                rejected[i] = rejected(i, ProblemType.VALIDATION, describe(bound.errors()), bound.errors());
            }
        }
        return new WritePath.Chunks<AccountViews.Item>() {
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
                return TypeFactory.defaultInstance().constructType(AccountViews.Item.class);
            }

            @Override
            public List<AccountViews.Item> apply(int from, int to) {
                List<AccountViews.Item> out = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    int index = positions.get(k);
                    try {
                        AccountService.Written w = accounts.importOne(valid.get(k), pointerPrefix + index);
                        out.add(new AccountViews.Item(index, w.created() ? "created" : "replaced", w.account().id(), null));
                    } catch (ProblemException e) {
                        // every check runs before the item writes anything: the chunk's other items are unaffected
                        out.add(rejected(index, e.type(), e.getMessage(), e.errors() == null ? List.of() : e.errors()));
                    }
                }
                return out;
            }

            @Override
            public AccountViews.Item failed(int index) {
                return rejected(positions.get(index), ProblemType.INTERNAL, "This account could not be stored; retry it", List.of());
            }

            @Override
            public Answer answer(List<AccountViews.Item> results) {
                AccountViews.Item[] all = rejected.clone();
                results.forEach(item -> all[item.index()] = item);
                int created = 0;
                int replaced = 0;
                int refused = 0;
                for (AccountViews.Item item : all) {
                    switch (item.outcome()) {
                        case "created" -> created++;
                        case "replaced" -> replaced++;
                        default -> refused++;
                    }
                }
                return Answer.ok(new AccountViews.BatchResult(new AccountViews.Summary(created, replaced, refused), List.of(all)));
            }
        };
    }

    private static AccountViews.Item rejected(int index, ProblemType type, String detail, List<Problem.FieldError> errors) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, null, null, errors.isEmpty() ? null : errors, null);
        return new AccountViews.Item(index, "rejected", null, problem);
    }

    private static String describe(List<Problem.FieldError> errors) {
        return errors.size() == 1 ? errors.get(0).pointer() + ": " + errors.get(0).message() : errors.size() + " fields are not valid";
    }
}
