package io.leadhandoff.webhook;

import jakarta.enterprise.context.ApplicationScoped;

/** The channel of each subscription format. */
@ApplicationScoped
class Channels {

    private final WebhookChannel webhook;
    private final HubSpotChannel hubspot;
    private final MarketoChannel marketo;
    private final MauticChannel mautic;

    Channels(WebhookChannel webhook, HubSpotChannel hubspot, MarketoChannel marketo, MauticChannel mautic) {
        this.webhook = webhook;
        this.hubspot = hubspot;
        this.marketo = marketo;
        this.mautic = mautic;
    }

    Channel of(String format) {
        return switch (format) {
            case WritebackSettings.HUBSPOT -> hubspot;
            case WritebackSettings.MARKETO -> marketo;
            case WritebackSettings.MAUTIC -> mautic;
            default -> webhook;
        };
    }
}
