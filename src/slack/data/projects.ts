/** Project lookup and creation live in src/db/queries, one for every platform. */
export { ensureProject, listProjects, projectExists, projectName } from '../../db/queries/projects.ts';
