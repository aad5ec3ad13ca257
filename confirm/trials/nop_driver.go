// A driver whose conns do nothing (Prepare and Begin are refused): for the confirm/
// programs whose bug lives in the pool's bookkeeping, not in any statement.
package trials

import (
	"context"
	"database/sql/driver"
	"errors"
)

// NopConnector opens NopConns.
type NopConnector struct{}

func (NopConnector) Connect(context.Context) (driver.Conn, error) { return NopConn{}, nil }
func (NopConnector) Driver() driver.Driver                        { return nil }

// NopConn is a conn that opens and closes and is never used.
type NopConn struct{}

func (NopConn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("not used") }
func (NopConn) Close() error                        { return nil }
func (NopConn) Begin() (driver.Tx, error)           { return nil, errors.New("not used") }
