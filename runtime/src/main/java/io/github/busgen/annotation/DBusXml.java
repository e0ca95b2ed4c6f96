package io.github.busgen.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names introspection XML files for busgen's processor to read: for every interface in them it
 * writes an annotated Java interface into the annotated package (or the annotated type's package),
 * which the processor then turns into a proxy and a skeleton like any {@link DBusInterface}. The
 * files are looked up on the source path, then on the class path (where {@code src/main/resources}
 * lands), relative to that package unless they start with {@code /}.
 *
 * <pre>{@code
 * // package-info.java
 * @DBusXml(value = "org.freedesktop.Notifications.xml", interfacePrefix = "org.freedesktop.")
 * package com.example.notify;
 * // generates com.example.notify.Notifications, NotificationsProxy, NotificationsSkeleton
 * }</pre>
 *
 * <p>The Maven plugin's {@code generate} goal does the same from {@code src/main/dbus}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.PACKAGE, ElementType.TYPE})
public @interface DBusXml {
    /** The XML files, relative to the annotated package, or from the root when starting with {@code /}. */
    String[] value();

    /** Stripped from interface names before they become class names, such as {@code org.freedesktop.}. */
    String interfacePrefix() default "";

    /**
     * An overlay file (found like the XML files) choosing Java names and types without editing the
     * XML; see the format in busgen-processor's {@code io.github.busgen.processor.frontend.xml.Overlay}.
     */
    String overlay() default "";
}
