package io.leadhandoff.console;

import io.leadhandoff.common.Page;
import io.leadhandoff.routing.QueueMemberService;
import io.leadhandoff.routing.QueueService;
import io.leadhandoff.routing.RoutingViews;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The queues a caller may see and their members, read through the queue and member services' paged lists. */
@ApplicationScoped
public class Roster {

    /** Enough for any real sales organisation; the pages say so when a list is cut. */
    static final int MAX_PAGES = 20;

    private final QueueService queues;
    private final QueueMemberService members;

    public Roster(QueueService queues, QueueMemberService members) {
        this.queues = queues;
        this.members = members;
    }

    public List<RoutingViews.QueueView> queues(Caller caller) {
        List<RoutingViews.QueueView> out = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            Page<RoutingViews.QueueView> page = queues.listQueues(cursor, Page.MAX_LIMIT, caller.queues());
            out.addAll(page.items());
            cursor = page.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        return out;
    }

    public List<RoutingViews.MemberView> members(String queueId) {
        List<RoutingViews.MemberView> out = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            Page<RoutingViews.MemberView> page = members.listMembers(queueId, cursor, Page.MAX_LIMIT);
            out.addAll(page.items());
            cursor = page.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        return out;
    }
}
