import { COLLECTION_VOID_ACTION } from '../../../../../shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useVoidRight } from '../../components/VoidControl';
import { call } from '../../lib/api';
import { qty, useApp } from '../../lib/settings';

/** What the dialog names: the supplier, the weight and the amount, so the right delivery is voided. */
export interface CollectionToVoid {
  uuid: string;
  supplier: string;
  collected_at: string;
  quantity_milli: number;
  unit: string;
  amount_minor: number;
}

/** Who may void collections (the registry's supervisor-only delete, as the server enforces it). */
export const useCollectionVoidRight = () => useVoidRight(COLLECTION_VOID_ACTION, 'collections');

/** The payments' void dialog for a collection: a required reason; the collection leaves balances and pay runs. */
export function VoidCollectionDialog({
  target,
  onCancel,
  onVoided,
}: {
  target: CollectionToVoid;
  onCancel(): void;
  onVoided(message: string): void;
}) {
  const { money, when } = useApp();
  const weight = `${qty(target.quantity_milli)} ${target.unit}`;
  return (
    <ConfirmDialog
      title="Void this collection?"
      confirmLabel="Void collection"
      reasonLabel="Reason"
      onCancel={onCancel}
      onConfirm={async (reason) => {
        await call('collections.void', { uuid: target.uuid, reason });
        onVoided(`Voided ${weight} from ${target.supplier}: ${money(target.amount_minor)}`);
      }}
    >
      <p>
        {weight} from {target.supplier}, {money(target.amount_minor)}, collected {when(target.collected_at)}. It stays
        in the list struck through with your reason, and no longer counts in balances, reports or pay runs.
      </p>
    </ConfirmDialog>
  );
}
