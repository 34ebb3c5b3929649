// The up / down / remove buttons of one criterion in the queue form's editors (rubric and
// pairwise): one place for their labels ("Move criterion 2 up") and their limits.
import { Button } from "@/components/ui/button";

const smallButton = "px-2 py-0.5 text-xs";

export function CriterionToolbar({
  name,
  index,
  count,
  onMove,
  onRemove,
}: {
  /** "Criterion 2", "Pairwise criterion 2": the heading and the buttons' labels. */
  name: string;
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const lower = name.toLowerCase();
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <span className="font-medium">{name}</span>
      <div className="flex flex-wrap gap-1">
        <Button
          variant="secondary"
          className={smallButton}
          aria-label={`Move ${lower} up`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          ↑ Up
        </Button>
        <Button
          variant="secondary"
          className={smallButton}
          aria-label={`Move ${lower} down`}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          ↓ Down
        </Button>
        <Button variant="danger" className={smallButton} aria-label={`Remove ${lower}`} onClick={onRemove}>
          Remove
        </Button>
      </div>
    </div>
  );
}
