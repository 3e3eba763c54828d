package io.xoal.events.ingest.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xoal.events.error.FieldError;
import io.xoal.events.ingest.Dialect;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.ProfileChange;
import io.xoal.events.ingest.envelope.Subject;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * What a browser key ({@code pub_…}) may do with Segment messages. Its key sits in a web page, so
 * anyone may send with it: track, page, screen, identify and group, and an identify may link the
 * browser's anonymous id to a customer. An alias (a merge of customers) or any delete, merge or
 * relation change is rejected per item, never executed; and an identify neither sets, changes nor
 * looks up a contact address (e-mail, phone), so that typing someone's address takes over neither
 * their profile nor their messages (docs/ingestion.md).
 */
@ApplicationScoped
public class BrowserScope {

    /** Built-in traits that say where Xoal reaches a person, and (the e-mail) who they are. */
    private static final Set<String> ADDRESSES = Set.of("email", "phone");

    private final ObjectMapper mapper;

    public BrowserScope(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code dialect}, with each item it reads held to a browser key's scope. */
    Dialect limit(Dialect dialect) {
        return (item, workspaceId, receivedAt, errors) -> {
            Envelope envelope = dialect.parse(item, workspaceId, receivedAt, errors);
            return envelope == null ? null : admit(envelope, errors);
        };
    }

    private Envelope admit(Envelope envelope, List<FieldError> errors) {
        return switch (envelope.action()) {
            case TRACK, GROUP -> envelope;
            case IDENTIFY -> envelope.changes().mergeIdentified()
                    ? refuse(envelope, errors)
                    : withoutAddresses(envelope, errors);
            default -> refuse(envelope, errors);
        };
    }

    private static Envelope refuse(Envelope envelope, List<FieldError> errors) {
        errors.add(new FieldError("/type", envelope.action() == Envelope.Action.MERGE
                ? "alias merges customers, which a browser key (pub_…) may not do: anyone can copy it from the page; "
                        + "link a browser with identify (userId and anonymousId) and send alias from your server "
                        + "with an ingestion key (ing_…)"
                : "a browser key (pub_…) may only send track, page, screen, identify and group"));
        return null;
    }

    /**
     * The identify without e-mail and phone. One that names its customer only by e-mail stays on the
     * browser's anonymous id (the id it would otherwise link), since an e-mail proves nothing here.
     */
    private Envelope withoutAddresses(Envelope envelope, List<FieldError> errors) {
        Subject subject = envelope.subject();
        ProfileChange change = envelope.changes();
        ObjectNode traits = change.traits() == null ? null : read(change.traits());
        if (subject.email() == null && (traits == null || ADDRESSES.stream().noneMatch(traits::has))) {
            return envelope;
        }
        if (traits != null) {
            traits.remove(ADDRESSES);
        }
        String link = change.mergeFrom();
        if (subject.email() != null && subject.id() == null) {
            if (link == null) {
                errors.add(new FieldError("/anonymousId",
                        "a browser key (pub_…) cannot identify by e-mail: send userId or anonymousId"));
                return null;
            }
            subject = Subject.anonymous(link);
            link = null;
        } else if (subject.email() != null) {
            subject = Subject.customer(subject.id(), null);
        }
        return envelope.withSubject(subject)
                .withChanges(change.withTraitsAndLink(traits == null ? null : traits.toString(), link));
    }

    private ObjectNode read(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
