import { screen } from '@testing-library/react';
import { renderWithPortal } from '../test/render';
import { StatusBadge } from './StatusBadge';

describe('StatusBadge', () => {
  it('shows the latest response code with the status in words', () => {
    renderWithPortal(<StatusBadge status="failed" responseStatus={503} />);
    expect(screen.getByText('503').parentElement).toHaveTextContent('503Failed');
  });

  it('says why a delivery is held back, in Korean too', () => {
    const { unmount } = renderWithPortal(
      <StatusBadge status="retrying" responseStatus={null} heldReason="circuit_open" />,
    );
    expect(screen.getByText(/Retrying/)).toHaveTextContent('Retrying · Held: endpoint failing, paused');
    unmount();
    renderWithPortal(<StatusBadge status="retrying" responseStatus={null} heldReason="circuit_open" />, 'ko');
    expect(screen.getByText(/보류/)).toHaveTextContent('보류: 엔드포인트 장애로 일시 중지');
  });
});
