/** A failure whose message is meant for the reviewer as it stands (stored as the run's error). */
export class RunFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunFailure";
  }
}
