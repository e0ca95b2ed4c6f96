@DBusXml("missing.xml") //!
package d;

import io.github.busgen.annotation.DBusXml;
