package io.leadhandoff.common;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The per-endpoint body limits for bodies sent without Content-Length (chunked): {@link HttpEdge}
 * refuses a declared length up front, and this counts what is actually read. The HTTP layer's own
 * ceiling ({@code quarkus.http.limits.max-body-size}, the batch limit) bounds what is buffered.
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

    @Inject
    CurrentVertxRequest current;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long max = HttpEdge.maxBody(current.getCurrent() == null ? "" : current.getCurrent().request().path());
        context.setInputStream(new Counting(context.getInputStream(), max));
        return context.proceed();
    }

    private static final class Counting extends FilterInputStream {
        private final long max;
        private long read;

        Counting(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                        "Request body is larger than the " + (max / 1024 / 1024) + " MiB allowed for this endpoint");
            }
        }
    }
}
