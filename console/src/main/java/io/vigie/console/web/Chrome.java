package io.vigie.console.web;

import io.vigie.console.store.Role;

/**
 * What every page's frame needs: texts, title, who is logged in (null email: nobody), the session's CSRF token
 * for forms, and the link switching language.
 */
public record Chrome(I18n t, String title, String email, Role role, String csrf, String otherLangUrl, String section) {

    public boolean loggedIn() {
        return email != null;
    }

    public boolean admin() {
        return role == Role.PROVIDER_ADMIN;
    }

    /** May create organisations and enrollment codes. */
    public boolean manager() {
        return role != null && role.canManage();
    }

    /** {@code aria-current} value for a navigation link. */
    public String current(String name) {
        return name.equals(section) ? "page" : null;
    }
}
