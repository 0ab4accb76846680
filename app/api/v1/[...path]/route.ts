import { ApiProblem } from "@/lib/api/problem";

// Paths the API does not have answer in the API's own format, not with the console's HTML 404 page.
const notFound = async () =>
  new ApiProblem(404, "There is no such endpoint. See /support/api for the Roster API's reference.").response();

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
