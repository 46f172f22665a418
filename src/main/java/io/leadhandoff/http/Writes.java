package io.leadhandoff.http;

import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.idempotency.IdempotencyStore;
import io.leadhandoff.write.Answer;
import io.leadhandoff.write.GroupCommit;
import io.leadhandoff.write.Write;
import io.leadhandoff.write.WritePath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP face of the {@link WritePath}: a resource hands it who is writing, the parsed body and the work; the
 * {@code Idempotency-Key}, the method and the route that identify the request for that key come from the request
 * and the matched resource ({@link MatchedRoute}), and the write path's {@link Answer} becomes the response.
 */
@ApplicationScoped
public class Writes {

    private final WritePath path;
    private final HttpHeaders headers;
    private final Request request;
    private final ResourceInfo resource;
    private final UriInfo uri;

    public Writes(WritePath path, HttpHeaders headers, Request request, ResourceInfo resource, UriInfo uri) {
        this.path = path;
        this.headers = headers;
        this.request = request;
        this.resource = resource;
        this.uri = uri;
    }

    /** The current request as the write path sees it. */
    public Write write(String caller, Object body) {
        return new Write(caller, headers.getHeaderString(IdempotencyStore.HEADER), request.getMethod(),
                MatchedRoute.of(resource, uri.getPathParameters()), body);
    }

    /** Runs {@code work} in one transaction (see {@link WritePath#run}). */
    public Response run(String caller, Object body, Supplier<Answer> work) {
        return response(path.run(write(caller, body), work));
    }

    /** Hands {@code item} to a commit group (see {@link WritePath#grouped}). */
    public <I, R> Response grouped(String caller, Object body, GroupCommit<I, R> group, I item, Function<R, Answer> answer) {
        return response(path.grouped(write(caller, body), group, item, answer));
    }

    /** Applies a batch chunk by chunk (see {@link WritePath#chunked}). */
    public <S> Response chunked(String caller, Object body, WritePath.Chunks<S> chunks) {
        return response(path.chunked(write(caller, body), chunks));
    }

    /** The response for what the write path answered. */
    public static Response response(Answer answer) {
        Response.ResponseBuilder builder = Response.status(answer.status());
        if (answer.replayed()) {
            builder.header(IdempotencyStore.REPLAYED_HEADER, "true");
        }
        if (answer.body() != null) {
            builder.type(answer.replayed() && answer.problem() ? ProblemMappers.PROBLEM_JSON : MediaType.APPLICATION_JSON)
                    .entity(answer.body());
        }
        if (answer.location() != null) {
            builder.header("Location", answer.location());
        }
        return builder.build();
    }
}
