package io.vigie.console.web;

import io.vigie.console.auth.PasswordGate;
import io.vigie.console.auth.Passwords;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.Role;
import io.vigie.console.store.Store;
import io.vigie.console.store.UserAccount;
import io.vigie.console.store.WebStore;
import io.vigie.console.store.WebStore.NewWebSession;
import io.vigie.console.web.view.Choice;
import io.vigie.console.web.view.TokenRow;
import io.vigie.console.web.view.UserRow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Login, logout, invitations, password resets, personal API tokens, provider administration. */
final class AccountPages {

    static final Duration SESSION_TTL = Duration.ofHours(12);
    static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
    static final Duration RESET_LIFETIME = Duration.ofHours(24);

    private final Web web;
    private final Store store;
    private final WebStore webStore;

    AccountPages(Web web) {
        this.web = web;
        this.store = web.api().store();
        this.webStore = web.store();
    }

    private Instant now() {
        return web.api().clock().instant();
    }

    // ------------------------------------------------------------------ login

    Page loginForm(Req r) {
        if (r.session() != null) {
            return Page.redirect("/dashboard");
        }
        Page p = Page.of("login", "login.title", "login").with("email", "").with("error", null);
        if (r.query().containsKey("reset")) {
            p.with("notice", r.t().get("login.passwordChanged"));
        } else if (r.query().containsKey("out")) {
            p.with("notice", r.t().get("login.loggedOut"));
        } else {
            p.with("notice", null);
        }
        return p;
    }

    Page login(Req r) {
        String email = r.field("email").trim().toLowerCase(Locale.ROOT);
        String password = r.field("password");
        Instant now = now();
        PasswordGate.Outcome out = new PasswordGate(store, web.api().config().limits().failedLoginsPerHour())
                .attempt(email, password, r.remote(), now);
        if (out.throttled()) {
            long minutes = Math.max(1, (out.retryAfter().toSeconds() + 59) / 60);
            return loginError(r, email, 429, r.t().get("login.throttled", minutes));
        }
        if (out.user().isEmpty()) {
            return loginError(r, email, 401, r.t().get("login.failed"));
        }
        UserAccount u = out.user().get();
        webStore.purgeExpiredSessions(now); // expired rows already open nothing; this keeps the table small
        NewWebSession s = webStore.createWebSession(u.id(), now, SESSION_TTL);
        return Page.redirect(home(u.role(), u.organisationId()))
                .cookie(web.cookie(Web.SESSION_COOKIE, s.secret(), SESSION_TTL.toSeconds()));
    }

    static String home(Role role, UUID organisationId) {
        return role == Role.CUSTOMER_VIEWER ? "/organisations/" + organisationId : "/dashboard";
    }

    private static Page loginError(Req r, String email, int status, String message) {
        return Page.of("login", "login.title", "login").status(status).with("email", email).with("error", message)
                .with("notice", null).langPath("/login");
    }

    Page logout(Req r) {
        if (r.sessionSecret() != null) {
            webStore.deleteWebSession(r.sessionSecret());
        }
        return Page.redirect("/login?out=1").cookie(web.cookie(Web.SESSION_COOKIE, "", 0));
    }

    // ------------------------------------------------------------------ invitations and resets

    Page invitationForm(Req r) {
        WebStore.Invitation inv = webStore.invitation(r.pathParams().get("token"), now()).orElseThrow(Req.NotFound::new);
        return Page.of("password", "invitation.title", null).with("email", inv.email()).with("intro", r.t().get("invitation.intro"))
                .with("action", r.path()).with("error", null);
    }

    Page acceptInvitation(Req r) {
        String token = r.pathParams().get("token");
        WebStore.Invitation inv = webStore.invitation(token, now()).orElseThrow(Req.NotFound::new);
        String problem = passwordProblem(r);
        if (problem != null) {
            return Page.of("password", "invitation.title", null).status(400).langPath(r.path()).with("email", inv.email())
                    .with("intro", r.t().get("invitation.intro")).with("action", r.path()).with("error", problem);
        }
        UserAccount u = webStore.acceptInvitation(token, Passwords.hash(r.field("password")), now());
        NewWebSession s = webStore.createWebSession(u.id(), now(), SESSION_TTL);
        return Page.redirect(home(u.role(), u.organisationId()))
                .cookie(web.cookie(Web.SESSION_COOKIE, s.secret(), SESSION_TTL.toSeconds()));
    }

    Page resetForm(Req r) {
        String email = webStore.passwordReset(r.pathParams().get("token"), now()).orElseThrow(Req.NotFound::new);
        return Page.of("password", "reset.title", null).with("email", email).with("intro", r.t().get("reset.intro"))
                .with("action", r.path()).with("error", null);
    }

    Page reset(Req r) {
        String token = r.pathParams().get("token");
        String email = webStore.passwordReset(token, now()).orElseThrow(Req.NotFound::new);
        String problem = passwordProblem(r);
        if (problem != null) {
            return Page.of("password", "reset.title", null).status(400).langPath(r.path()).with("email", email)
                    .with("intro", r.t().get("reset.intro")).with("action", r.path()).with("error", problem);
        }
        webStore.resetPassword(token, Passwords.hash(r.field("password")), now());
        return Page.redirect("/login?reset=1");
    }

    private static String passwordProblem(Req r) {
        String p = r.field("password");
        if (p.length() < 12) {
            return r.t().get("password.tooShort");
        }
        if (!p.equals(r.field("confirm"))) {
            return r.t().get("password.mismatch");
        }
        return null;
    }

    // ------------------------------------------------------------------ API tokens

    Page tokens(Req r) {
        return tokensPage(r, null);
    }

    private Page tokensPage(Req r, String newToken) {
        List<TokenRow> rows = webStore.apiTokens(r.scope()).stream()
                .map(t -> new TokenRow(t.id().toString(), t.label() == null ? "" : t.label(), r.t().dateTime(t.createdAt()),
                        t.revokedAt() != null))
                .toList();
        return Page.of("tokens", "tokens.title", "tokens").with("tokens", rows).with("newToken", newToken);
    }

    Page createToken(Req r) {
        String label = r.field("label").strip();
        IssuedSecret t = store.accounts().createApiToken(r.scope(), label.isEmpty() ? null : label, now());
        return tokensPage(r, t.secret()).status(201).langPath("/account/tokens");
    }

    Page revokeToken(Req r) {
        store.accounts().revokeApiToken(r.scope(), r.id("tokenId"), now());
        return Page.redirect("/account/tokens");
    }

    // ------------------------------------------------------------------ provider administration

    Page admin(Req r) {
        return adminPage(r, null, null);
    }

    private Page adminPage(Req r, String linkKey, String link) {
        List<UserRow> users = webStore.users(r.scope()).stream()
                .map(u -> new UserRow(u.id().toString(), u.email(), r.t().get("role." + u.role().name()),
                        store.accounts().locked(u.id(), now(), PasswordGate.WINDOW,
                                web.api().config().limits().failedLoginsPerHour())))
                .toList();
        List<Choice> orgs = store.tenants().organisations(r.scope()).stream()
                .map((Organisation o) -> new Choice(o.id().toString(), o.name())).toList();
        List<Choice> roles = List.of(Role.values()).stream()
                .map(role -> new Choice(role.name(), r.t().get("role." + role.name()))).toList();
        return Page.of("admin", "admin.title", "admin").with("users", users).with("organisations", orgs)
                .with("roles", roles).with("silentDays", webStore.silentAfterDays(r.scope()))
                .with("ownerLinkDays", web.diagnostics().ownerLinkDays(r.scope()))
                .with("linkLabel", linkKey == null ? null : r.t().get(linkKey)).with("link", link);
    }

    Page invite(Req r) {
        Role role;
        try {
            role = Role.valueOf(r.field("role"));
        } catch (IllegalArgumentException e) {
            return Web.error(400, "error.invalid");
        }
        UUID org = null;
        if (role == Role.CUSTOMER_VIEWER) {
            try {
                org = UUID.fromString(r.field("organisationId"));
            } catch (IllegalArgumentException e) {
                return Web.error(400, "error.role_organisation");
            }
        }
        IssuedSecret inv = webStore.createInvitation(r.scope(), r.field("email"), role, org, now(), INVITATION_LIFETIME);
        return adminPage(r, "admin.invitationLink", r.origin() + "/invitations/" + inv.secret()).status(201).langPath("/admin");
    }

    Page createReset(Req r) {
        IssuedSecret reset = webStore.createPasswordReset(r.scope(), r.id("userId"), now(), RESET_LIFETIME);
        return adminPage(r, "admin.resetLink", r.origin() + "/password-reset/" + reset.secret()).status(201).langPath("/admin");
    }

    /** {@code POST /admin/users/:userId/unlock}: lifts a password lockout (audited in the store). */
    Page unlock(Req r) {
        store.accounts().unlockAccount(r.scope(), r.id("userId"), now());
        return Page.redirect("/admin");
    }

    /** Both settings are checked before either is written: a refusal changes nothing. */
    Page saveSettings(Req r) {
        int days;
        try {
            days = Integer.parseInt(r.field("silentDays").trim());
        } catch (NumberFormatException e) {
            return Web.error(400, "error.silent_days");
        }
        if (days < 1 || days > 365) {
            return Web.error(400, "error.silent_days");
        }
        Integer linkDays = null;
        String ld = r.field("ownerLinkDays").trim();
        if (!ld.isEmpty()) {
            if (!ld.matches("[0-9]{1,3}") || Integer.parseInt(ld) < 1 || Integer.parseInt(ld) > 90) {
                return Web.error(400, "error.owner_link_days");
            }
            linkDays = Integer.parseInt(ld);
        }
        webStore.setSilentAfterDays(r.scope(), days);
        if (linkDays != null) {
            web.diagnostics().setOwnerLinkDays(r.scope(), linkDays);
        }
        return Page.redirect("/admin");
    }
}
