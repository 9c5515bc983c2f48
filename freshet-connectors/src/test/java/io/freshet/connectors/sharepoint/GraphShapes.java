package io.freshet.connectors.sharepoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Graph permission JSON for {@link GraphTestServer#grant}, as plain strings in the documented shapes: a direct grant
 * to a user (with its SharePoint site user) or an Entra group, a SharePoint site group, a sharing link by scope;
 * and the server's small JSON and token helpers.
 */
public final class GraphShapes {

    private GraphShapes() {
    }

    public static String userGrant(String userId, String email, String role) {
        return "{\"id\":\"u-" + userId + "\",\"roles\":[" + q(role) + "],\"grantedToV2\":{\"user\":{\"id\":" + q(userId)
                + ",\"email\":" + q(email) + ",\"displayName\":\"User\"},\"siteUser\":{\"id\":\"7\",\"loginName\":"
                + q("i:0#.f|membership|" + email) + ",\"email\":" + q(email) + "}}}";
    }

    public static String groupGrant(String groupId, String role) {
        return "{\"id\":\"g-" + groupId + "\",\"roles\":[" + q(role) + "],\"grantedToV2\":{\"group\":{\"id\":"
                + q(groupId) + ",\"displayName\":\"Group\"}}}";
    }

    public static String siteGroupGrant(String name) {
        return "{\"id\":\"sg-" + name + "\",\"roles\":[\"write\"],\"grantedToV2\":{\"siteGroup\":{\"id\":\"3\","
                + "\"displayName\":" + q(name) + ",\"loginName\":" + q(name) + "}}}";
    }

    public static String linkGrant(String scope) {
        return "{\"id\":\"l-" + scope + "\",\"roles\":[\"read\"],\"link\":{\"scope\":" + q(scope)
                + ",\"type\":\"view\",\"webUrl\":\"https://contoso.sharepoint.com/:w:/s/x/abc\"}}";
    }

    /** A JSON string literal. */
    public static String q(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    static long[] parseToken(String t) {
        Matcher m = Pattern.compile("g(\\d+)s(\\d+)(?:a(\\d+)u(\\d+))?").matcher(t);
        if (!m.matches()) {
            return null;
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                m.group(3) == null ? 0 : Long.parseLong(m.group(3)), m.group(4) == null ? 0 : Long.parseLong(m.group(4))};
    }

    static String param(String query, String name) {
        for (String pair : query.replace("%24", "$").split("&")) {
            if (pair.startsWith(name + "=")) {
                return decode(pair.substring(name.length() + 1));
            }
        }
        return null;
    }

    static String[] json(int status, String body) {
        return new String[] {Integer.toString(status), "application/json", body};
    }

    static String error(String code, String message) {
        return "{\"error\":{\"code\":" + q(code) + ",\"message\":" + q(message) + "}}";
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
