-- A customer leaves its segments through the ledger: a merge or a delete first ends each
-- membership with a segment_transitions row ('merged into …', 'deleted'). The cascade that
-- removed memberships silently with the customer (so members?at= and size kept counting it)
-- becomes a plain reference: deleting a customer that is still a member now fails.
ALTER TABLE segment_members
    DROP CONSTRAINT segment_members_usid_fkey,
    ADD CONSTRAINT segment_members_usid_fkey FOREIGN KEY (usid) REFERENCES customers (usid);
