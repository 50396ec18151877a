-- 0020: checking a paper certificate (issue #11 item 6) looks up the approval events of a record
-- and of a 証明書番号 in the access log. Without an index that is a walk of the whole log (about
-- 0.9 s per walk at 1,000,000 events, two per check). These indexes are partial: only
-- 'disposal.approve' events enter them, so every other audited commit writes no index page
-- (the log otherwise keeps no secondary index: 0001).
CREATE INDEX audit_events_disposal_approvals ON audit_events (target_id) WHERE action = 'disposal.approve';
CREATE INDEX audit_events_disposal_certificates ON audit_events (json_extract(detail, '$.certificateNo')) WHERE action = 'disposal.approve';
