package io.storefront.command;

import org.axonframework.messaging.MetaData;

import java.util.Map;

/**
 * Who sent a command: a customer, an administrator, anybody not logged in, or the platform itself
 * (a policy or a deadline). Commands that arrive over HTTP carry the caller in their metadata; commands
 * the platform sends in reaction to events carry no role, and act with the platform's authority.
 */
public record Actor(String userId, Role role) {

    public static final String USER = "actingUser";
    public static final String ROLE = "actingRole";

    public enum Role { CUSTOMER, ADMIN, ANONYMOUS, PLATFORM }

    static Actor of(MetaData metaData) {
        Object role = metaData.get(ROLE);
        if (role == null) {
            return new Actor("platform", Role.PLATFORM);
        }
        return new Actor(String.valueOf(metaData.get(USER)), Role.valueOf(role.toString()));
    }

    /** The command metadata that names this actor; {@link #of(MetaData)} reads it back. */
    public Map<String, String> metaData() {
        return Map.of(USER, userId, ROLE, role.name());
    }

    public boolean isCustomer() {
        return role == Role.CUSTOMER;
    }

    /** Customers act only for themselves; administrators and the platform act for anybody. */
    public boolean mayActFor(String ownerId) {
        return role == Role.ADMIN || role == Role.PLATFORM || (role == Role.CUSTOMER && userId.equals(ownerId));
    }

    /**
     * Refuses a customer who reaches for somebody else's resource as if it did not exist (404), so that
     * nobody learns which ids are taken.
     */
    public void requireOwner(String ownerId, String id) {
        if (!mayActFor(ownerId)) {
            throw new NotYours(id);
        }
    }
}
