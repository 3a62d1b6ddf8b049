SELECT json_build_object(
         'reference', c.reference, 'office', c.office, 'service', c.service,
         'service_name', json_build_object('ar', s.name_ar, 'fr', s.name_fr, 'en', s.name_en),
         'kind', c.kind, 'status', c.status, 'submitted_at', c.submitted_at, 'received_at', c.received_at,
         'deadline_date', c.deadline_date, 'deadline_at', c.deadline_at, 'paused', c.paused,
         'failures', coalesce(r.hits, 0),
         'timeline', json_build_object('seqs', ev.seqs, 'ats', ev.ats, 'actors', ev.actors, 'types', ev.types,
                                       'froms', ev.froms, 'tos', ev.tos, 'publics', ev.publics,
                                       'messages', ev.messages, 'days', ev.days))::text
  FROM (SELECT 1) AS one
  LEFT JOIN rate_limits r ON r.bucket = 'track:127.0.0.1'
        AND r.window_start = to_timestamp(floor(extract(epoch FROM now()) / 900) * 900)
  JOIN cases c ON c.office = split_part($1, '-', 1) AND c.reference = $1
        AND c.tracking_key_hash = hmac(convert_to(upper($2), 'UTF8'), decode(repeat('be', 32), 'hex'), 'sha256')
  LEFT JOIN services s ON s.office = c.office AND s.code = c.service
  LEFT JOIN LATERAL (
      SELECT array_agg(e.seq::int8) AS seqs, array_agg(extract(epoch FROM e.at)::float8) AS ats,
             array_agg(e.actor) AS actors, array_agg(e.type) AS types,
             array_agg(coalesce(e.from_status, '')) AS froms, array_agg(coalesce(e.to_status, '')) AS tos,
             array_agg(e.public) AS publics,
             array_agg(CASE WHEN e.public THEN coalesce(e.public_message, '') ELSE '' END) AS messages,
             array_agg(coalesce(e.days, '')) AS days
        FROM (SELECT e.seq, e.at, e.actor, e.type, e.from_status, e.to_status, e.public, e.public_message,
                     e.data->>'days' AS days
                FROM case_events e WHERE e.office = c.office AND e.reference = c.reference
               ORDER BY e.seq) AS e) AS ev ON true
