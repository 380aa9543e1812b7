-- The queue reads one collector's open cases through cases_collector_idx and sorts a few thousand rows;
-- an index on the follow-up time and priority made every nightly change to them a non-HOT update of the
-- whole row and its nine indexes.
DROP INDEX "cases_queue_idx";
