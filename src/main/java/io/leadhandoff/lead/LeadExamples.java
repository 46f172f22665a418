package io.leadhandoff.lead;

/** Example payloads shown in the OpenAPI document. */
final class LeadExamples {

    private LeadExamples() {
    }

    static final String SINGLE = """
            {
              "externalId": "hs-contact-90211",
              "source": "hubspot",
              "email": "Ada.Lovelace@Analytical-Engines.example",
              "firstName": "Ada",
              "lastName": "Lovelace",
              "company": "Analytical Engines Ltd",
              "title": "VP Engineering",
              "phone": "+44 20 7946 0958",
              "country": "United Kingdom",
              "industry": "Software",
              "employeeCount": 250,
              "campaign": "2026-q4-webinar",
              "utm": {"source": "linkedin", "medium": "paid-social", "campaign": "q4-launch"},
              "consent": {"marketing": true, "at": "2026-11-20T10:15:00Z"},
              "activity": {"formSubmissions": 2, "pageViews": 14, "emailClicks": 3, "webinarsAttended": 1,
                           "lastActivityAt": "2026-11-26T16:02:11Z"},
              "attributes": {"leadSource": "Webinar", "seats": 25}
            }""";

    static final String BATCH = """
            {
              "leads": [
                {"email": "grace@hopper-compilers.example", "source": "marketo", "externalId": "mkto-1", "title": "CTO"},
                {"email": "not-an-email", "source": "marketo", "externalId": "mkto-2"}
              ]
            }""";

    static final String VALIDATION_PROBLEM = """
            {
              "type": "urn:lead-handoff:problem:validation",
              "title": "Request is not valid",
              "status": 422,
              "detail": "2 inputs are not valid",
              "instance": "/api/v1/leads",
              "requestId": "01JDB7T3V8Q5M4N2P1R0S9T8U7",
              "errors": [
                {"pointer": "/email", "message": "must be a well-formed email address such as name@company.com"},
                {"pointer": "/status", "message": "is set by the server and cannot be sent"}
              ]
            }""";
}
