package io.xoal.events.web.workflow;

import java.net.URI;

/** The README's first workflow as a curl against this service, for the empty Workflows tab. */
final class WorkflowCurl {

    private WorkflowCurl() {
    }

    static String create(URI base) {
        String root = base.toString().replaceFirst("/$", "");
        return "curl -s -X POST " + root + "/v1/workflows -H \"Authorization: Bearer adm_…\" -H 'Content-Type: application/json' \\\n"
                + "  -d '{\"name\":\"Welcome\",\"status\":\"active\",\"definition\":{\"trigger\":{\"event\":\"signed_up\"},\"reentry\":\"once\",\n"
                + "       \"steps\":[{\"id\":\"wait\",\"type\":\"delay\",\"duration\":\"PT1H\",\"next\":\"hello\"},\n"
                + "                {\"id\":\"hello\",\"type\":\"webhook\",\"url\":\"https://example.com/hooks/welcome\",\"next\":\"done\"},\n"
                + "                {\"id\":\"done\",\"type\":\"exit\"}]}}'";
    }
}
