package io.leadhandoff.console;

import io.leadhandoff.security.Caller;
import io.leadhandoff.security.Scope;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.UserTagSectionHelper;
import io.quarkus.qute.Variant;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The console's pages, rendered by the plain Qute engine (the library, not the Quarkus extension).
 * Templates are read from {@code templates/} on the class path as HTML, parsed once at start-up and kept;
 * every {@code {value}} they print is HTML-escaped, and a value a template does not know fails the render.
 */
@Startup
@ApplicationScoped
public class ConsoleTemplates {

    private static final Variant HTML = Variant.forContentType(Variant.TEXT_HTML);
    private static final List<String> TAGS = List.of("bars", "lines", "waterfall", "stacked", "sortth");

    /** Title, current navigation entry, who is signed in and the pages they may open: what every page's frame shows. */
    public record Frame(String title, String active, String signedInAs, Menu menu) {

        /** The frame of a page shown to {@code caller}; nobody signed in (null) gets no menu. */
        public static Frame of(String title, String active, Caller caller) {
            return caller == null || caller == Caller.SYSTEM ? new Frame(title, active, null, Menu.NONE)
                    : new Frame(title, active, caller.label(), Menu.of(caller));
        }
    }

    /** Which menu entries the signed-in key can open: an entry it would be refused is not shown. */
    public record Menu(boolean overview, boolean quality, boolean funnel, boolean queues, boolean models, boolean leads, boolean webhooks) {

        static final Menu NONE = new Menu(false, false, false, false, false, false, false);

        static Menu of(Caller caller) {
            boolean reports = caller.has(Scope.REPORTS_READ);
            boolean everyQueue = reports && !caller.limitedToQueues();
            return new Menu(everyQueue, reports, everyQueue, reports, everyQueue, caller.has(Scope.LEADS_READ), caller.has(Scope.ADMIN));
        }
    }

    private final Template signIn;
    private final Template error;
    private final Template overview;
    private final Template quality;
    private final Template funnel;
    private final Template queues;
    private final Template models;
    private final Template lead;
    private final Template leads;
    private final Template webhooks;

    public ConsoleTemplates() {
        var builder = Engine.builder()
                .addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addLocator(ConsoleTemplates::locate)
                .strictRendering(true);
        TAGS.forEach(tag -> builder.addSectionHelper(new UserTagSectionHelper.Factory(tag, "tags/" + tag)));
        Engine engine = builder.build();
        signIn = load(engine, "signIn");
        error = load(engine, "error");
        overview = load(engine, "overview");
        quality = load(engine, "quality");
        funnel = load(engine, "funnel");
        queues = load(engine, "queues");
        models = load(engine, "models");
        lead = load(engine, "lead");
        leads = load(engine, "leads");
        webhooks = load(engine, "webhooks");
    }

    public String signIn(Frame frame, String error) {
        return this.signIn.data("frame", frame, "error", error).render();
    }

    public String error(Frame frame, String detail) {
        return error.data("frame", frame, "detail", detail).render();
    }

    public String overview(Frame frame, OverviewPage.View page) {
        return overview.data("frame", frame, "page", page).render();
    }

    public String quality(Frame frame, QualityPage.View page) {
        return quality.data("frame", frame, "page", page).render();
    }

    public String funnel(Frame frame, FunnelPage.View page) {
        return funnel.data("frame", frame, "page", page).render();
    }

    public String queues(Frame frame, QueuesPage.View page) {
        return queues.data("frame", frame, "page", page).render();
    }

    public String models(Frame frame, ModelsPage.View page) {
        return models.data("frame", frame, "page", page).render();
    }

    public String lead(Frame frame, LeadPage.View page) {
        return lead.data("frame", frame, "page", page).render();
    }

    public String leads(Frame frame, LeadListPage.View page) {
        return leads.data("frame", frame, "page", page).render();
    }

    public String webhooks(Frame frame, WebhooksPage.View page) {
        return webhooks.data("frame", frame, "page", page).render();
    }

    private static Template load(Engine engine, String page) {
        Template template = engine.getTemplate("console/" + page);
        if (template == null) {
            throw new IllegalStateException("No console template " + page + ".html on the class path");
        }
        return template;
    }

    /** {@code console/layout} is {@code templates/console/layout.html}; every template is HTML, so it is escaped. */
    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        if (id.contains("..")) {
            return Optional.empty();
        }
        String path = "templates/" + (id.endsWith(".html") ? id : id + ".html");
        URL resource = ConsoleTemplates.class.getClassLoader().getResource(path);
        if (resource == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                try {
                    return new InputStreamReader(resource.openStream(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + path, e);
                }
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(HTML);
            }
        });
    }
}
