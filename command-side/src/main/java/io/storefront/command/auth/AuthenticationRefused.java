package io.storefront.command.auth;

/** A login or refresh that does not prove who the caller is. Answered with 401, saying no more than needed. */
public class AuthenticationRefused extends RuntimeException {

    AuthenticationRefused(String reason) {
        super(reason);
    }
}
