package io.leadhandoff.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The console's pages, type-checked against their templates at build time; every value is HTML-escaped. */
@CheckedTemplate(basePath = "console")
final class Templates {

    private Templates() {
    }

    /** Title, current navigation entry and who is signed in: what every page's frame shows. */
    record Frame(String title, String active, String signedInAs) {
    }

    static native TemplateInstance signIn(Frame frame, String error);

    static native TemplateInstance error(Frame frame, String detail);

    static native TemplateInstance overview(Frame frame, OverviewPage.View page);

    static native TemplateInstance quality(Frame frame, QualityPage.View page);

    static native TemplateInstance funnel(Frame frame, FunnelPage.View page);

    static native TemplateInstance queues(Frame frame, QueuesPage.View page);

    static native TemplateInstance models(Frame frame, ModelsPage.View page);

    static native TemplateInstance lead(Frame frame, LeadPage.View page);
}
