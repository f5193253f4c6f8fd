/*
 * Guest-side timer of bench/cpu-linux.sh --program: runs a program with its arguments, its
 * standard output into a file (a slow console would be part of the time otherwise), and prints
 * one line with the wall time the guest's monotonic clock measured and the exit status. Busybox's
 * `time` reports hundredths of a second only.
 *
 * usage: timeit NAME OUTPUT-FILE PROGRAM [ARG...]
 * prints: program=NAME seconds=S status=N   (N: the exit status, or 128 + the signal)
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: timeit NAME OUTPUT-FILE PROGRAM [ARG...]\n");
    return 2;
  }
  const int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) {
    perror(argv[2]);
    return 2;
  }
  const double start = now_seconds();
  const pid_t child = fork();
  if (child < 0) {
    perror("fork");
    return 2;
  }
  if (child == 0) {
    dup2(out, STDOUT_FILENO);
    execv(argv[3], &argv[3]);
    perror(argv[3]);
    _exit(127);
  }
  int status = 0;
  if (waitpid(child, &status, 0) < 0) {
    perror("waitpid");
    return 2;
  }
  const double seconds = now_seconds() - start;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  printf("program=%s seconds=%.6f status=%d\n", argv[1], seconds, code);
  return 0;
}
