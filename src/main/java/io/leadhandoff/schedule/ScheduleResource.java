package io.leadhandoff.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.schedule.ScheduleViews.ScheduleRequest;
import io.leadhandoff.schedule.ScheduleViews.ScheduleView;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedules", description = "Working hours, time zones and holidays: the SLA clock of queues and the shifts of reps")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class ScheduleResource {

    static final String TEXT_CALENDAR = "text/calendar";
    private static final String EXAMPLE = "{\"id\": \"berlin-office\", \"name\": \"Berlin office\", \"timeZone\": \"Europe/Berlin\", "
            + "\"weekly\": {\"MONDAY\": [[\"09:00\", \"18:00\"]], \"TUESDAY\": [[\"09:00\", \"18:00\"]], \"WEDNESDAY\": [[\"09:00\", \"18:00\"]], "
            + "\"THURSDAY\": [[\"09:00\", \"18:00\"]], \"FRIDAY\": [[\"09:00\", \"13:00\"], [\"14:00\", \"18:00\"]]}, "
            + "\"holidays\": [{\"date\": \"2026-12-24\"}, {\"date\": \"2026-12-31\", \"from\": \"13:00\", \"to\": \"24:00\", \"name\": \"New Year's Eve\"}], "
            + "\"extraPeriods\": [{\"date\": \"2026-12-27\", \"from\": \"10:00\", \"to\": \"14:00\", \"name\": \"Year-end push\"}]}";

    private final ScheduleService schedules;
    private final JsonBinder binder;
    private final Writes writes;
    private final CurrentCaller caller;

    public ScheduleResource(ScheduleService schedules, JsonBinder binder, Writes writes, CurrentCaller caller) {
        this.schedules = schedules;
        this.binder = binder;
        this.writes = writes;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listSchedules", summary = "List schedules", description = "In id order, paginated.")
    @APIResponse(responseCode = "200", description = "A page of schedules", content = @Content(schema = @Schema(implementation = SchedulePage.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<ScheduleView> list(@Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
                                   @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        return schedules.list(cursor, Page.limit(Params.integer("limit", limit)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSchedule", summary = "Create a schedule",
            description = "Working hours in an IANA time zone: weekly intervals per weekday (several a day; one whose end is not after "
                    + "its start runs past midnight), holidays (whole dates or hours of a date) and extra working periods (which win over "
                    + "holidays). Queues use one as their SLA clock (`scheduleId`), queue members as their shift. Local times that a DST "
                    + "change skips are never working time; repeated ones count both times.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ScheduleRequest.class),
            examples = @ExampleObject(name = "berlin-office", summary = "Office hours in Berlin with a lunch break on Fridays", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "409", description = "A schedule with this id exists", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid schedule: every offending field with its JSON pointer", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response create(JsonNode body) {
        ScheduleRequest request = binder.bind(RequestBodies.require(body), ScheduleRequest.class);
                return writes.run(caller.get().id(), request, () -> {
            ScheduleView created = schedules.create(request);
            return Answer.created(created, "/api/v1/schedules/" + created.id());
        });
    }

    @GET
    @Path("/{scheduleId}")
    @Operation(operationId = "getSchedule", summary = "Get a schedule", description = "Its definition, and whether it is working time now.")
    @APIResponse(responseCode = "200", description = "The schedule", content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "404", description = "No such schedule", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public ScheduleView get(@PathParam("scheduleId") String scheduleId) {
        return schedules.get(scheduleId);
    }

    @PUT
    @Path("/{scheduleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateSchedule", summary = "Replace a schedule",
            description = "The whole definition at once. Leads already waiting keep their due time; the escalation job checks it against "
                    + "the schedule as it is then, so a holiday added later still holds a breach back.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ScheduleRequest.class)))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "404", description = "No such schedule", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid schedule", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("scheduleId") String scheduleId,
                           JsonNode body) {
        ScheduleRequest request = binder.bind(RequestBodies.require(body), ScheduleRequest.class);
                return writes.run(caller.get().id(), request, () -> Answer.ok(schedules.update(scheduleId, request)));
    }

    @DELETE
    @Path("/{scheduleId}")
    @Produces(MediaType.WILDCARD) // no body: no Accept can make this fail
    @Operation(operationId = "deleteSchedule", summary = "Delete a schedule", description = "Refused with 409 while a queue or a queue member uses it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such schedule", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "In use", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("scheduleId") String scheduleId) {
                return writes.run(caller.get().id(), null, () -> {
            schedules.delete(scheduleId);
            return Answer.noContent();
        });
    }

    @POST
    @Path("/{scheduleId}/holidays")
    @Consumes(MediaType.WILDCARD) // the body is read as iCalendar whatever it is labelled: anything else is a 422 naming the line
    @Operation(operationId = "importScheduleHolidays", summary = "Import holidays from an iCalendar (.ics) body",
            description = "Each event of the calendar becomes a holiday of the schedule: an all-day event closes its dates, a timed event "
                    + "its hours (local to the schedule's zone). Holidays already listed are not repeated. A body that is not valid "
                    + "iCalendar is a 422 naming the line.")
    @RequestBody(required = true, content = @Content(mediaType = TEXT_CALENDAR, schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "christmas", summary = "One all-day event", value = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                    + "PRODID:-//Example//Holidays//EN\r\nBEGIN:VEVENT\r\nUID:xmas-2026@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
                    + "DTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")))
    @APIResponse(responseCode = "200", description = "The holidays added and the schedule now", content = @Content(schema = @Schema(implementation = ScheduleViews.HolidayImport.class)))
    @APIResponse(responseCode = "404", description = "No such schedule", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not valid iCalendar (the line is named), or too many holidays", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response importHolidays(@PathParam("scheduleId") String scheduleId,
                                   String ics) {
                return writes.run(caller.get().id(), ics, () -> Answer.ok(schedules.importHolidays(scheduleId, ics)));
    }

    @Schema(name = "SchedulePage")
    static final class SchedulePage {
        public List<ScheduleView> items;
        @Schema(nullable = true)
        public String nextCursor;
    }
}
