package io.freshet.ingest.http;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The servlet container's own refusals (an encoded NUL in the path, a malformed request line), which never reach
 * the application, as problem+json instead of Tomcat's HTML page. Nothing of the request is echoed.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                String title = status == 400 ? "Bad Request" : status == 404 ? "Not Found" : "Error";
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"the request was refused by the HTTP server (malformed path, header or request line)\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response is already under way: nothing more to say
        }
    }
}
