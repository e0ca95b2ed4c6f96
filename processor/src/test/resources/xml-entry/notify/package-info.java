/** Notifications, from the XML beside this file. */
@DBusXml(value = "org.freedesktop.Notifications.xml", interfacePrefix = "org.freedesktop.", overlay = "names.overlay")
package notify;

import io.github.busgen.annotation.DBusXml;
