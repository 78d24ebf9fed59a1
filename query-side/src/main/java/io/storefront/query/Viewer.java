package io.storefront.query;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Who is reading: an administrator reads everything, a customer only what is theirs. Query handlers
 * take it as a parameter and narrow their reads with {@link #customerFilter()}; a customer asking for
 * somebody else's resource gets the same 404 as for a missing one.
 */
public record Viewer(String userId, boolean admin) {

    /** The customer id every read of this viewer is limited to; null for an administrator. */
    public String customerFilter() {
        return admin ? null : userId;
    }

    /**
     * The SQL condition that keeps the rows of {@code table} (with an {@code order_id} column) whose
     * order belongs to the named parameter {@code :customer}, or all rows when it is null.
     */
    public static String ownedThroughOrder(String table) {
        return "(CAST(:customer AS VARCHAR) IS NULL OR EXISTS (SELECT 1 FROM order_view o WHERE o.order_id = "
                + table + ".order_id AND o.customer_id = :customer))";
    }

    public boolean mayRead(String ownerId) {
        return admin || userId.equals(ownerId);
    }

    static Viewer of(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()));
        return new Viewer(authentication.getName(), admin);
    }

    /** Resolves a {@code Viewer} parameter from the request's authenticated token. */
    static class Resolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Viewer.class;
        }

        @Override
        public Viewer resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                      NativeWebRequest request, WebDataBinderFactory binders) {
            return of(SecurityContextHolder.getContext().getAuthentication());
        }
    }
}
