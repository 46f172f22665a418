package io.leadhandoff.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of schedules. */
public final class ScheduleViews {

    private ScheduleViews() {
    }

    static final String WEEKLY_DESCRIPTION = "Working intervals per weekday (MONDAY … SUNDAY), each a pair of local times "
            + "[\"HH:mm\", \"HH:mm\"], several a day allowed; an interval whose end is not after its start runs past midnight "
            + "into the next day ([\"22:00\", \"06:00\"]); \"24:00\" ends at midnight. A day not listed is closed.";

    @Schema(name = "ScheduleRequest", description = "Working hours in an IANA time zone, with holidays and extra working periods")
    public record ScheduleRequest(
            @Schema(description = "Schedule id: lower-case letters, digits and dashes (POST only; fixed afterwards)", examples = "berlin-office")
            @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes") String id,
            @Schema(examples = "Berlin office") @Size(max = 100) String name,
            @Schema(description = "IANA time zone the local times are in", examples = "Europe/Berlin") @NotBlank @Size(max = 64) String timeZone,
            @Schema(description = WEEKLY_DESCRIPTION, examples = "{\"MONDAY\": [[\"09:00\", \"18:00\"]], \"FRIDAY\": [[\"09:00\", \"13:00\"], [\"14:00\", \"17:00\"]]}")
            Map<String, List<List<String>>> weekly,
            @Schema(description = "Closed dates (whole days), or closed hours of a date with from/to; at most 1,000") @Size(max = 1000) @Valid List<DatedPeriod> holidays,
            @Schema(description = "Working periods outside the weekly hours (they win over holidays); at most 1,000") @Size(max = 1000) @Valid List<DatedPeriod> extraPeriods) {
    }

    /** A date, whole or from/to local times. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DatedPeriod", description = "A local date, whole (no from/to) or the hours from–to of it")
    public record DatedPeriod(
            @Schema(examples = "2026-12-24") @NotBlank String date,
            @Schema(description = "Local start, HH:mm; absent for the whole day", examples = "13:00") String from,
            @Schema(description = "Local end, HH:mm or 24:00; absent for the whole day", examples = "24:00") String to,
            @Schema(examples = "Christmas Eve") @Size(max = 200) String name) {
    }

    /** The stored definition (everything but id, name and zone). */
    record Definition(Map<String, List<List<String>>> weekly, List<DatedPeriod> holidays, List<DatedPeriod> extraPeriods) {
    }

    @Schema(name = "Schedule")
    public record ScheduleView(
            @Schema(examples = "berlin-office") String id,
            @Schema(nullable = true, examples = "Berlin office") String name,
            @Schema(examples = "Europe/Berlin") String timeZone,
            @Schema(description = WEEKLY_DESCRIPTION) Map<String, List<List<String>>> weekly,
            List<DatedPeriod> holidays,
            List<DatedPeriod> extraPeriods,
            @Schema(description = "Whether it is working time now") boolean openNow,
            @Schema(description = "Now when open, else when it next opens (UTC); null when it does not open in the next two years", nullable = true)
            Instant nextOpening,
            @Schema(description = "The same instant as local date and time in the schedule's zone", nullable = true, examples = "2026-12-28T09:00")
            String nextOpeningLocal,
            Instant createdAt,
            Instant updatedAt) {
    }

    @Schema(name = "HolidayImport")
    public record HolidayImport(
            @Schema(description = "Holidays the calendar added (dates already listed are not repeated)", examples = "12") int imported,
            @Schema(description = "Events the calendar held", examples = "13") int events,
            ScheduleView schedule) {
    }
}
