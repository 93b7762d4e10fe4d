package io.github.wolkvoxcamel.wolkvox;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * An answer whose stream is closed before its end drops its connection, instead of the HTTP client reading the rest
 * to keep the connection (what it does by default, and what Camel does once the exchange completes): the rest of an
 * answer too long to keep ({@link AnswerSpool}) may have no end. Outermost in the client's chain, so it sees the
 * answer as decompressed.
 */
public final class AbortOnEarlyClose implements HttpClientConfigurer, ExecChainHandler {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorFirst("wolkvox-abort-on-early-close", this);
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ClassicHttpResponse response = chain.proceed(request, scope);
        HttpEntity entity = response.getEntity();
        if (entity != null && entity.isStreaming()) {
            response.setEntity(new Entity(entity, scope.execRuntime));
        }
        return response;
    }

    private static final class Entity extends HttpEntityWrapper {

        private final ExecRuntime runtime;
        private InputStream content;

        private Entity(HttpEntity wrapped, ExecRuntime runtime) {
            super(wrapped);
            this.runtime = runtime;
        }

        @Override
        public synchronized InputStream getContent() throws IOException {
            // one stream: Camel closes the entity's content again once the exchange completes
            if (content == null) {
                content = new Content(super.getContent(), runtime);
            }
            return content;
        }
    }

    private static final class Content extends FilterInputStream {

        private final ExecRuntime runtime;
        private boolean ended;
        private boolean closed;

        private Content(InputStream in, ExecRuntime runtime) {
            super(in);
            this.runtime = runtime;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (ended) {
                super.close();
                return;
            }
            runtime.discardEndpoint();
            try {
                super.close();
            } catch (IOException connectionGone) {
                // what is left of the answer cannot be read off a closed connection: that is the point
            }
        }
    }
}
