package io.leadhandoff.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** The service's root is the console: people who open the service's address in a browser land there. */
@Path("/")
public class RootResource {

    @GET
    public Response root() {
        return Response.seeOther(ConsoleSessionResource.HOME).build();
    }
}
