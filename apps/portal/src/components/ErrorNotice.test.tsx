import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../api/api-error';
import { renderWithPortal } from '../test/render';
import { ErrorNotice } from './ErrorNotice';

describe('ErrorNotice', () => {
  it('announces the server’s reason and offers to try again', async () => {
    let retried = 0;
    renderWithPortal(
      <ErrorNotice error={new ApiError(404, 'webhook wh_9 not found', [])} onRetry={() => retried++} />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Not found: webhook wh_9 not found');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retried).toBe(1);
  });

  it('says the server could not be reached when no answer came', () => {
    renderWithPortal(<ErrorNotice error={new ApiError(0, 'Failed to fetch', [])} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The server could not be reached');
  });

  it('lists every problem of a multi-problem answer, in Korean too', () => {
    renderWithPortal(
      <ErrorNotice
        error={new ApiError(403, 'this portal session lacks the scope webhooks:write', ['a', 'b'])}
      />,
      'ko',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      '현재 권한으로는 할 수 없습니다: this portal session lacks the scope webhooks:write',
    );
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });
});
