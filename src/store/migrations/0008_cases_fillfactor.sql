-- The nightly batch rewrites every open case each day (days past due, aging date). With free space left
-- on each page those updates are heap-only (HOT): no new index entries for the case's nine indexes.
-- Applies to pages written from now on; existing pages follow as they are rewritten.
ALTER TABLE "cases" SET (fillfactor = 70);
