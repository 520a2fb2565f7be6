package com.liferay.portal.service

/* Stub: the real signature, printing its arguments. */
class GroupLocalServiceUtil {
	static Object deleteGroup(long groupId) { lrstub.StubLog.call('deleteGroup', groupId); null }
}
