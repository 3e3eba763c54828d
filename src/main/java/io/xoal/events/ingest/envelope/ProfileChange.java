package io.xoal.events.ingest.envelope;

import java.util.List;

/**
 * What a message changes on profiles besides storing an event.
 *
 * @param traits          JSON object of {@link Traits} for the message's subject (customer, company
 *                        or object), or null
 * @param relations       companies or objects a customer subject is related to, or customers an
 *                        object or company subject is related to
 * @param relationTraits  JSON object of traits for each related company or object (a Segment
 *                        group's traits), or null
 * @param unlink          whether the relations are removed instead of added
 * @param mergeFrom       an anonymous id, alias or customer id whose customer is merged into this one, or null
 * @param mergeIdentified whether {@code mergeFrom} may name an identified customer (an explicit
 *                        merge); otherwise only an unidentified one is merged and an identified one
 *                        only loses the alias
 */
public record ProfileChange(String traits, List<Subject> relations, String relationTraits, boolean unlink,
                            String mergeFrom, boolean mergeIdentified) {

    public static final ProfileChange NONE = new ProfileChange(null, List.of(), null, false, null, false);

    /** New traits for the subject; {@code anonymousId}, when given, is linked to it. */
    public static ProfileChange traits(String traits, String anonymousId) {
        return new ProfileChange(traits, List.of(), null, false, anonymousId, false);
    }

    /** The customer joins a company that has these traits. */
    public static ProfileChange group(String companyId, String companyTraits) {
        return new ProfileChange(null, List.of(Subject.company(companyId)), companyTraits, false, null, false);
    }

    /** The subject gets these traits and these relations. */
    public static ProfileChange relate(String traits, List<Subject> relations) {
        return new ProfileChange(traits, relations, null, false, null, false);
    }

    /** The subject loses these relations. */
    public static ProfileChange unrelate(List<Subject> relations) {
        return new ProfileChange(null, relations, null, true, null, false);
    }

    /** These changes with other traits and another anonymous id to link (never an explicit merge). */
    public ProfileChange withTraitsAndLink(String otherTraits, String anonymousId) {
        return new ProfileChange(otherTraits, relations, relationTraits, unlink, anonymousId, false);
    }

    /** Another identity is merged into the customer. */
    public static ProfileChange merge(String from) {
        return new ProfileChange(null, List.of(), null, false, from, true);
    }
}
