/** A rater ready to rate: the static code of a completed case and their real-name cookie. */
export interface Rater {
  token: string;
  cookie: string;
}

/** One rating as the rating page sends it; `bad` is 不满意 with a reason (a work order follows). */
export async function submitRating(
  url: string,
  rater: Rater,
  submissionId: string,
  bad: boolean,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/trpc/ratings.submit`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: rater.cookie },
    body: JSON.stringify({
      token: rater.token,
      submissionId,
      stage: "completion",
      scores: [
        {
          indicatorCode: "overall",
          level: bad ? "unsatisfied" : "satisfied",
          tagCodes: bad ? ["overall.unsatisfied.1"] : [],
        },
      ],
    }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
