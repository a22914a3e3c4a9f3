package com.callaback.settings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.callaback.identity.AuditEntry;
import com.callaback.identity.User;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.Paging;

import io.quarkus.panache.common.Sort;

/** The active business's audit log in plain words, newest first, a page at a time. */
@ApplicationScoped
public class AuditLogService {

    @Inject
    TenantContext tenantContext;

    /** One line of the log page. */
    public record Line(Instant at, String who, String what, String target) {
    }

    /** A page of the log and the zone its times are shown in. */
    public record LogPage(Paging<Line> lines, String timezone) {
    }

    @Transactional
    public LogPage page(int page) {
        int size = Paging.DEFAULT_SIZE;
        // size + 1 rows (the range is inclusive) at the page's offset, along the (tenant_id, created_at desc) index.
        List<AuditEntry> entries = AuditEntry.<AuditEntry>findAll(Sort.descending("createdAt", "id"))
                .range(Paging.offset(page, size), Paging.offset(page, size) + size)
                .list();
        Map<UUID, User> actors = User.<User>list("id in ?1", entries.stream().map(e -> e.actorUserId)
                .filter(Objects::nonNull).distinct().toList()).stream()
                .collect(Collectors.toMap(u -> u.id, Function.identity()));
        List<Line> lines = entries.stream().map(e -> new Line(e.createdAt, who(actors.get(e.actorUserId)),
                what(e.action, e.details), target(e))).toList();
        Tenant tenant = Tenant.findById(tenantContext.require());
        return new LogPage(Paging.of(lines, page, size), tenant.timezone);
    }

    private static String who(User user) {
        if (user == null) {
            return "Callaback";
        }
        String name = user.displayName();
        return user.email == null || name.equals(user.email) ? name : name + " (" + user.email + ")";
    }

    static String what(String action, Map<String, Object> details) {
        Map<String, Object> d = details == null ? Map.of() : details;
        return switch (action) {
            case "settings.updated" -> "Changed settings: " + fields(d.get("fields"));
            case "invitation.created" -> "Invited someone as " + d.getOrDefault("role", "member");
            case "invitation.revoked" -> "Revoked an invitation";
            case "invitation.accepted" -> "Joined the team as " + d.getOrDefault("role", "member");
            case "member.role_changed" -> "Changed a role from " + d.get("from") + " to " + d.get("to");
            case "member.removed" -> "Removed someone from the team (was " + d.getOrDefault("role", "member") + ")";
            default -> action.replace('.', ' ').replace('_', ' ');
        };
    }

    private static String fields(Object fields) {
        if (fields instanceof List<?> names && !names.isEmpty()) {
            return names.stream().map(n -> n.toString().replace('_', ' ')).collect(Collectors.joining(", "));
        }
        return "none";
    }

    private static String target(AuditEntry entry) {
        Object target = entry.details == null ? null : entry.details.get("target");
        if (target != null) {
            return target.toString();
        }
        return "business".equals(entry.targetType) ? "Business settings"
                : entry.targetType == null ? "" : entry.targetType.replace('_', ' ');
    }
}
