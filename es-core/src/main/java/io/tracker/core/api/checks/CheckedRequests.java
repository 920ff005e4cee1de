package io.tracker.core.api.checks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a resource class: every method's parameters are checked as their constraint annotations say, before the
 * method runs ({@link RequestChecksInterceptor}); a request that breaks one changes nothing.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface CheckedRequests {}
