import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadInfo;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Bytes each live thread of a running JVM has allocated so far (HotSpot's per-thread counter,
 * {@code ThreadMXBean.getThreadAllocatedBytes}), read over the JVM's local management agent:
 * load.sh takes one snapshot before and one after a measured run and subtracts them per thread.
 *
 * <pre>java -cp DIR ThreadAllocation PID</pre>
 *
 * prints {@code uptime_ms N}, then one line per thread: id, group, bytes, name (tab-separated).
 * Groups: {@code request} (Liberty's Default Executor, which runs the requests), {@code export}
 * (batch span processors and the exporters' HTTP clients: OkHttp, the JDK's HttpClient), {@code other}.
 */
public final class ThreadAllocation {
  public static void main(String[] args) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(args[0]);
    String address;
    try {
      address = vm.startLocalManagementAgent();
    } finally {
      vm.detach();
    }
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(
          server, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
      RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(
          server, ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
      long[] ids = threads.getAllThreadIds();
      long[] bytes = threads.getThreadAllocatedBytes(ids);
      ThreadInfo[] infos = threads.getThreadInfo(ids);
      StringBuilder out = new StringBuilder("uptime_ms\t" + runtime.getUptime() + "\n");
      for (int i = 0; i < ids.length; i++) {
        if (infos[i] == null || bytes[i] < 0) {
          continue; // ended between the two calls
        }
        String name = infos[i].getThreadName();
        out.append(ids[i]).append('\t').append(group(name)).append('\t').append(bytes[i]).append('\t')
            .append(name.replace('\t', ' ')).append('\n');
      }
      System.out.print(out);
    }
  }

  static String group(String name) {
    if (name.startsWith("Default Executor-thread-")) {
      return "request";
    }
    if (name.contains("BatchSpanProcessor") || name.startsWith("OkHttp") || name.startsWith("HttpClient-")) {
      return "export";
    }
    return "other";
  }
}
