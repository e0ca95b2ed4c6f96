package io.github.busgen.processor.frontend.xml.tree;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads introspection XML into the {@code Xml*} parse tree with JAXB over a StAX reader that
 * remembers where each element starts and the comment before it. DTDs are never loaded (the
 * {@code DOCTYPE} of introspection files names a URL; reading must not touch the network).
 * Unknown elements are skipped and reported; malformed XML is reported with the parser's line and
 * column.
 *
 * <p>Thread-safe: the JAXB context is shared, each call makes its own unmarshaller.
 */
public final class XmlReader {
    private static final Pattern UNEXPECTED = Pattern.compile("local:\"([^\"]*)\"");
    private static volatile JAXBContext context;

    private XmlReader() {
    }

    /** Reads {@code xml}, naming it {@code file} in the result. */
    public static XmlDocument read(String file, String xml) {
        return read(file, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads {@code in} (closed afterwards), naming it {@code file} in the result. */
    public static XmlDocument read(String file, InputStream in) {
        List<XmlProblem> problems = new ArrayList<>();
        try (in) {
            LocatingReader reader = new LocatingReader(inputFactory().createXMLStreamReader(in));
            Unmarshaller u = context().createUnmarshaller();
            u.setListener(new Unmarshaller.Listener() {
                @Override
                public void beforeUnmarshal(Object target, Object parent) {
                    if (target instanceof XmlPart e) {
                        e.line = reader.startLine;
                        e.column = reader.startColumn;
                        e.comment = reader.takeComment();
                    }
                }
            });
            u.setEventHandler(event -> {
                if (event.getSeverity() == ValidationEvent.FATAL_ERROR) {
                    return false;
                }
                Matcher m = UNEXPECTED.matcher(String.valueOf(event.getMessage()));
                problems.add(new XmlProblem(XmlProblem.Kind.UNKNOWN_ELEMENT, reader.startLine, reader.startColumn,
                        m.find() ? m.group(1) : String.valueOf(event.getMessage())));
                return true;
            });
            Object root = u.unmarshal(reader);
            if (!(root instanceof XmlNode node)) {
                problems.add(new XmlProblem(XmlProblem.Kind.MALFORMED, 1, 1,
                        "the root element is not <node>"));
                return new XmlDocument(file, null, problems);
            }
            return new XmlDocument(file, node, problems);
        } catch (XMLStreamException e) {
            problems.add(malformed(e));
        } catch (UnmarshalException e) {
            problems.add(malformed(e));
        } catch (JAXBException e) {
            throw new IllegalStateException("JAXB cannot read introspection XML", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new XmlDocument(file, null, problems);
    }

    private static XmlProblem malformed(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() != t ? t.getCause() : null) {
            if (t instanceof XMLStreamException x && x.getLocation() != null) {
                Location l = x.getLocation();
                return new XmlProblem(XmlProblem.Kind.MALFORMED, l.getLineNumber(), l.getColumnNumber(),
                        parserMessage(x));
            }
            if (t instanceof UnmarshalException u && u.getLinkedException() != null && u.getCause() == null) {
                t = u.getLinkedException();
                if (t instanceof XMLStreamException x && x.getLocation() != null) {
                    Location l = x.getLocation();
                    return new XmlProblem(XmlProblem.Kind.MALFORMED, l.getLineNumber(), l.getColumnNumber(),
                            parserMessage(x));
                }
            }
        }
        String message = e.getMessage() != null ? e.getMessage() : String.valueOf(e.getCause());
        Matcher m = UNEXPECTED.matcher(message);
        if (m.find()) {
            return new XmlProblem(XmlProblem.Kind.MALFORMED, 1, 1,
                    "the root element is <" + m.group(1) + ">, not <node>");
        }
        return new XmlProblem(XmlProblem.Kind.MALFORMED, -1, -1, message);
    }

    /** The parser's own words, without the "ParseError at [row,col]:" prefix the JDK adds. */
    private static String parserMessage(XMLStreamException x) {
        String m = String.valueOf(x.getMessage());
        int i = m.indexOf("Message: ");
        return (i >= 0 ? m.substring(i + "Message: ".length()) : m).strip();
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    private static JAXBContext context() throws JAXBException {
        JAXBContext c = context;
        if (c == null) {
            // JAXB finds its implementation through the context class loader, which in javac or
            // Maven is not the one that loaded busgen; point it at ours while the context is made.
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            t.setContextClassLoader(XmlReader.class.getClassLoader());
            try {
                c = JAXBContext.newInstance(XmlNode.class);
            } finally {
                t.setContextClassLoader(before);
            }
            context = c;
        }
        return c;
    }

    /**
     * Remembers where the current event starts (where the previous one ended) and the comment that
     * came right before the current start tag. JAXB reads events one by one through {@link #next()},
     * so when it creates the object of an element, the reader stands on that element's start tag.
     */
    private static final class LocatingReader extends StreamReaderDelegate {
        int startLine = 1;
        int startColumn = 1;
        private String comment;
        private String elementComment;

        LocatingReader(XMLStreamReader reader) {
            super(reader);
        }

        @Override
        public int next() throws XMLStreamException {
            Location end = getLocation();
            int line = end.getLineNumber();
            int column = end.getColumnNumber();
            if (getEventType() == XMLStreamConstants.CHARACTERS || getEventType() == XMLStreamConstants.SPACE) {
                // after text the JDK's reader has also consumed the '<' that ended it
                column = Math.max(1, column - 1);
            }
            int event = super.next();
            startLine = line;
            startColumn = column;
            elementComment = null;
            switch (event) {
                case XMLStreamConstants.COMMENT -> comment = getText();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
                    if (!isWhiteSpace()) {
                        comment = null;
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    elementComment = comment;
                    comment = null;
                }
                default -> comment = null;
            }
            return event;
        }

        /** The comment before the current start tag, once. */
        String takeComment() {
            String c = elementComment;
            elementComment = null;
            return c;
        }
    }
}
