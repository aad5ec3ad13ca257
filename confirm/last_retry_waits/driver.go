// A fake database/sql driver whose calls are named and can be held at gates, so the
// program in main.go can force the schedule that makes conn()'s last retry wait beside
// idle conns. Only the standard library is used (no module downloads in CI).
package main

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
)

var errAborted = errors.New("fake driver: trial aborted")

// script decides what each driver call does. A call is named "connect#N" (the Nth
// Connect of the trial, whichever goroutine makes it) or "exec Q#N" (the Nth Exec of
// query Q; each client runs its own query). A call whose name has a gate blocks until the
// gate yields the call's result (nil: success); every other call succeeds at once.
type script struct {
	mu       sync.Mutex
	connects int
	execs    map[string]int
	gates    map[string]chan error
	entered  map[string]chan struct{} // closed when the named call starts
	abort    chan struct{}            // closed when the trial ends: gated calls fail
}

func newScript(gated ...string) *script {
	s := &script{
		execs:   map[string]int{},
		gates:   map[string]chan error{},
		entered: map[string]chan struct{}{},
		abort:   make(chan struct{}),
	}
	for _, name := range gated {
		s.gates[name] = make(chan error, 1)
	}
	return s
}

// enteredLocked returns the channel closed when the named call starts.
func (s *script) enteredLocked(name string) chan struct{} {
	ch, ok := s.entered[name]
	if !ok {
		ch = make(chan struct{})
		s.entered[name] = ch
	}
	return ch
}

// Entered is closed once the named call has started.
func (s *script) Entered(name string) <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enteredLocked(name)
}

// Release lets the gated call return err (nil: success).
func (s *script) Release(name string, err error) {
	s.gates[name] <- err
}

// call records that the named call started and returns its result.
func (s *script) call(name string) error {
	s.mu.Lock()
	close(s.enteredLocked(name))
	gate := s.gates[name]
	s.mu.Unlock()
	if gate == nil {
		return nil
	}
	select {
	case err := <-gate:
		return err
	case <-s.abort:
		return errAborted
	}
}

func (s *script) connect() error {
	s.mu.Lock()
	s.connects++
	name := fmt.Sprintf("connect#%d", s.connects)
	s.mu.Unlock()
	return s.call(name)
}

func (s *script) exec(query string) error {
	s.mu.Lock()
	s.execs[query]++
	name := fmt.Sprintf("exec %s#%d", query, s.execs[query])
	s.mu.Unlock()
	return s.call(name)
}

// connector is the driver.Connector the trial's DB is opened with.
type connector struct{ s *script }

func (c connector) Connect(context.Context) (driver.Conn, error) {
	if err := c.s.connect(); err != nil {
		return nil, err
	}
	return &conn{s: c.s}, nil
}

func (c connector) Driver() driver.Driver { return fakeDriver{} }

type fakeDriver struct{}

func (fakeDriver) Open(string) (driver.Conn, error) {
	return nil, errors.New("fake driver: use sql.OpenDB with the connector")
}

// conn implements driver.ExecerContext, so the pool never prepares.
type conn struct{ s *script }

func (c *conn) ExecContext(_ context.Context, query string, _ []driver.NamedValue) (driver.Result, error) {
	if err := c.s.exec(query); err != nil {
		return nil, err
	}
	return driver.RowsAffected(1), nil
}

func (c *conn) Prepare(string) (driver.Stmt, error) {
	return nil, errors.New("fake driver: Prepare is not scripted")
}

func (c *conn) Close() error { return nil }

func (c *conn) Begin() (driver.Tx, error) {
	return nil, errors.New("fake driver: Begin is not scripted")
}
