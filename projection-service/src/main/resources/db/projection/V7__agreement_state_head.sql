-- States stored before V6 (state_encoding 1) kept every fact of the stream inside the state. This version stores a
-- head of fixed shape (state_encoding 2) with one agreement_fact row per fact beside it, and does not read
-- encoding 1: those states are dropped here (the list rows stay as they are and keep answering). Each such agreement
-- is folded again from its facts in the store, once, by the next batch that brings it an event (which writes its
-- head and all its agreement_fact rows), or by a rebuild's last pass; from then on batches fold from the head.
update agreement_summary set state = null, state_encoding = null where state_encoding = 1;
