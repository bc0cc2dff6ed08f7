/** People lookups live in src/db/queries; Slack addresses people by their Slack user id. */
export { personByAddress as personBySlackId, personById, type PersonRow } from '../../db/queries/people.ts';
