-- Time-ordered UUIDs (RFC 9562 version 7) for primary keys. New rows land at the right-hand end of
-- each primary-key index instead of on a random page, which keeps large imports and their foreign-key
-- checks in cache. PostgreSQL 18 has uuidv7() built in; this function gives the same on 13 and later,
-- without an extension: 48 bits of Unix milliseconds, then random bits, version and variant set.
CREATE OR REPLACE FUNCTION uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(
      set_bit(
        overlay(uuid_send(gen_random_uuid())
          PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
          FROM 1 FOR 6),
        52, 1),
      53, 1),
    'hex')::uuid
$$;
