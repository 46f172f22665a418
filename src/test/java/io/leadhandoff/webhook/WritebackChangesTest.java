package io.leadhandoff.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step each written event is, and the default status values the documentation promises. */
class WritebackChangesTest {

    @Test
    void eachWrittenEventTypeIsAStepOfTheMapping() {
        assertThat(WritebackChanges.step("lead.assigned", Map.of())).isEqualTo("ASSIGNED");
        assertThat(WritebackChanges.step("lead.claimed", Map.of())).isEqualTo("CLAIMED");
        assertThat(WritebackChanges.step("lead.recycled", Map.of("outcome", "RECYCLED"))).isEqualTo("RECYCLED");
        assertThat(WritebackChanges.step("lead.new_cycle", Map.of())).isEqualTo("NEW_CYCLE");
        assertThat(WritebackChanges.step("lead.judged", Map.of("outcome", "WON"))).isEqualTo("WON");
        assertThat(WritebackChanges.step("lead.created", Map.of())).isNull();
        for (String type : WritebackChanges.EVENT_TYPES) {
            assertThat(EventTypes.known(type)).as(type).isTrue();
        }
    }

    @Test
    void everyStepHasADefaultForEveryTool() {
        for (String tool : WritebackSettings.KINDS) {
            assertThat(WritebackSettings.defaults(tool)).as(tool).containsKeys(WritebackSettings.STEPS.toArray(String[]::new));
        }
        assertThat(WritebackSettings.defaults("hubspot")).containsEntry("ASSIGNED", "OPEN").containsEntry("NEW_CYCLE", "NEW")
                .containsEntry("REJECTED:BAD_TIMING", "BAD_TIMING").containsEntry("REJECTED:UNRESPONSIVE", "ATTEMPTED_TO_CONTACT");
        assertThat(WritebackSettings.defaults("marketo")).containsEntry("ASSIGNED", "Open").containsEntry("NEW_CYCLE", "Open");
    }

    @Test
    void aSourcesOverridesComeOnTopOfTheDefaults() {
        WritebackSettings s = new WritebackSettings(null, null, null, null, null, null, Map.of("LOST", "", "REJECTED:NO_BUDGET", "BAD_TIMING"),
                null, null);
        assertThat(s.mapping("hubspot")).containsEntry("LOST", "").containsEntry("REJECTED:NO_BUDGET", "BAD_TIMING")
                .containsEntry("ACCEPTED", "CONNECTED");
        assertThat(s.statusPropertyOr("mautic")).isEqualTo("lead_status");
    }
}
