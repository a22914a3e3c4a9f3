package com.callaback.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The people of the active business. */
@ApplicationScoped
public class TeamService {

    /** A member as the team page lists them. */
    public record Member(UUID userId, String name, String email, String role) {
    }

    @Transactional
    public List<Member> members() {
        List<Membership> memberships = Membership.listOrdered();
        Map<UUID, User> users = User.<User>list("id in ?1", memberships.stream().map(m -> m.userId).toList())
                .stream().collect(Collectors.toMap(u -> u.id, Function.identity()));
        return memberships.stream()
                .map(m -> {
                    User u = users.get(m.userId);
                    return new Member(m.userId, u == null ? "" : u.displayName(), u == null ? "" : u.email, m.role);
                })
                .toList();
    }
}
