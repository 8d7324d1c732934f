/**
 * querygov's Spring Boot 4 auto-configuration: add {@code io.querygov:query-spring-boot-starter} and every statement
 * the service runs through its DataSource, Hibernate or Jdbi is tracked, with {@code querygov.*} properties, the
 * Micrometer meters and the Actuator endpoint {@code querygov}. See the module's README.
 */
package io.querygov.spring;
