package io.xoal.events.ingest;

/**
 * What a message changes on profiles besides storing an event: the customer's traits, a company
 * it joins (with the company's traits), and an identity merged into it.
 *
 * @param customerTraits JSON object of {@link Traits} for the customer, or null
 * @param companyId      the company the customer joins (group), or null
 * @param companyTraits  JSON object of traits for that company, or null
 * @param mergeFrom      an anonymous id, alias or customer id whose customer is merged into this one, or null
 * @param mergeIdentified whether {@code mergeFrom} may name an identified customer (an explicit
 *                       merge); otherwise only an unidentified one is merged and an identified one
 *                       only loses the alias
 */
public record ProfileChange(String customerTraits, String companyId, String companyTraits,
                            String mergeFrom, boolean mergeIdentified) {

    public static final ProfileChange NONE = new ProfileChange(null, null, null, null, false);

    public static ProfileChange traits(String customerTraits, String anonymousId) {
        return new ProfileChange(customerTraits, null, null, anonymousId, false);
    }

    public static ProfileChange group(String companyId, String companyTraits) {
        return new ProfileChange(null, companyId, companyTraits, null, false);
    }

    public static ProfileChange merge(String from) {
        return new ProfileChange(null, null, null, from, true);
    }
}
